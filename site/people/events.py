"""Signals the people app sends so other apps can follow roster changes without the people
app importing them (dependencies point one way: see ../shared/architecture.md)."""

from django.dispatch import Signal

# Sent after commit when employees were created, changed (office, employment type, name…)
# or deactivated, by the roster import, the admin and `services.employee_upsert`.
# Arguments: `employee_ids` (a list of Employee primary keys).
employees_changed = Signal()

# Sent inside the move's transaction just before an office moves (receivers settle what
# they keep under the old paths). Arguments: `office_id`.
office_moving = Signal()

# Sent inside the move's transaction when an office moved to another parent (its path and
# its subtree's paths changed), so receivers update their copies atomically with the tree.
# Arguments: `office_id`, `old_path`, `new_path`.
office_moved = Signal()
