"""MkDocs plugin drawing ```crmflow blocks with the crmflow binary."""
