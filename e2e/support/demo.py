"""The demo municipality the browser tests run against: its slug, logins and names."""

SLUG = "musterstadt"
MUNICIPALITY_NAME = "Musterstadt"
KINDS = ("principles", "fields-of-action", "goals", "programs")
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# Demo logins (password: FAHRPLAN_DEMO_PASSWORD) and their display names in the demo content.
STRATEGY = "digitalisierung@musterstadt.example"
LEAD = "fachdienst@musterstadt.example"
RATER = "bewertung@musterstadt.example"
STAFF_COUNCIL = "personalrat@musterstadt.example"  # a second rater: the staff council
READER = "lesen@musterstadt.example"
ADMIN = "admin@fahrplan.example"
DISPLAY_NAMES = {STRATEGY: "Julia Sommerfeld", READER: "Carolin Wendt", RATER: "Frank Oltmanns",
                 STAFF_COUNCIL: "Petra Jankowski"}
