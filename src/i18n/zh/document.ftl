## crmflow 在它生成的文档（图、标准作业程序）中加入的文字，使用流程自身的语言

## The title block and legend of a drawing
doc-goal = 目标：
doc-owner = 负责人：
doc-reviewed = 评审于{" "}
doc-control-flow = 控制流
doc-data-flow = 数据流
doc-duplicate = 多处绘制的同一数据

## The header of the band of nodes without a lane
doc-lane-data = 数据
doc-lane-no-role = 未分配角色

## A page of a flow split into pages: its title ("Lead to cash (2/4: Deal, Contract)"), and how the names of what it shows are listed
doc-page-title = { $title }（{ $page }/{ $count }）
doc-page-title-showing = { $title }（{ $page }/{ $count }：{ $label }）
doc-list-separator = 、

## The SOP (crmflow sop): headings and the words between a flow's own
sop-title = 标准作业程序
sop-goal = 目标
sop-owner = 负责人
sop-version = 版本
sop-reviewed = 评审于
sop-roles = 角色
sop-no-role = 未分配角色
sop-phase = 阶段
sop-step = 个步骤
sop-steps = 个步骤
sop-module = 模块
sop-receives = 接收自
sop-begins = 流程从这里开始。
sop-inputs = 输入
sop-outputs = 输出
sop-reads = 读取
sop-writes = 写入
sop-notes = 备注
sop-hands-on = 移交给
sop-ends = 流程在这里结束。
sop-calls = 按以下子流程执行
sop-decides = 判断
sop-branch-if = 若
sop-go-to = 转到
sop-back-to = 返回
sop-otherwise = 下一步
sop-start = 开始
sop-end = 结束
sop-decision = 决策
sop-sub = 子流程
sop-resources = 所用数据
sop-colon = ：
