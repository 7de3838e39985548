## Words crmflow adds to the documents it makes (drawings, SOPs), in the flow's own language

## The title block and legend of a drawing
doc-goal = Goal:{" "}
doc-owner = Owner:{" "}
doc-reviewed = Reviewed{" "}
doc-control-flow = Control flow
doc-data-flow = Data flow
doc-duplicate = Data drawn more than once

## The header of the band of nodes without a lane
doc-lane-data = Data
doc-lane-no-role = No role

## A page of a flow split into pages: its title ("Lead to cash (2/4: Deal, Contract)"), and how the names of what it shows are listed
doc-page-title = { $title } ({ $page }/{ $count })
doc-page-title-showing = { $title } ({ $page }/{ $count }: { $label })
doc-list-separator = ,{" "}

## The SOP (crmflow sop): headings and the words between a flow's own
sop-title = Standard operating procedure
sop-goal = Goal
sop-owner = Owner
sop-version = Version
sop-reviewed = Reviewed
sop-roles = Roles
sop-no-role = Without a role
sop-phase = Phase
sop-step = step
sop-steps = steps
sop-module = Module
sop-receives = Receives from
sop-begins = The process begins here.
sop-inputs = Inputs
sop-outputs = Outputs
sop-reads = Reads
sop-writes = Writes
sop-notes = Notes
sop-hands-on = Hands on to
sop-ends = The process ends here.
sop-calls = Follows the procedure of
sop-decides = Decides
sop-branch-if = If
sop-go-to = go to
sop-back-to = back to
sop-otherwise = next
sop-start = start
sop-end = end
sop-decision = decision
sop-sub = sub-process
sop-resources = Data used
sop-colon = :{" "}
