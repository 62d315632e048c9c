# English as the dashboard always wrote it: "Mar 2, 2025" (Django's own English says "March 2, 2025"
# in DATE_FORMAT). Every other language keeps Django's formats.
DATE_FORMAT = "M j, Y"
DATETIME_FORMAT = "Y-m-d H:i T"  # the exact time, on hover
MONTH_DAY_FORMAT = "M j"  # "imported Mar 2"
