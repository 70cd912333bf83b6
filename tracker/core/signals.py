"""Signals between domains: a writer announces, readers subscribe, neither imports the other."""

from blinker import Namespace

signals = Namespace()

# Sent by ``tracker.cases.operations`` (in the writer's transaction, after the flush) when an
# incident that was public changed: ``incident_ids`` (list), ``left_public`` (it is no longer
# published-and-not-confidential), ``changes`` (the audit diff, {field: [before, after]}).
public_incident_changed = signals.signal("public-incident-changed")

# Sent by ``tracker.cases.operations`` (in the writer's transaction, after the audit entry) for
# every workflow move: ``old``, ``new`` (statuses), ``actor`` (tracker.audit.operations.Actor),
# ``note`` (the move's note, or None). The desk turns moves into notifications.
incident_moved = signals.signal("incident-moved")
