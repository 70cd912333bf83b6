"""Signals between domains: a writer announces, readers subscribe, neither imports the other."""

from blinker import Namespace

signals = Namespace()

# Sent by ``tracker.cases.operations`` (in the writer's transaction, after the flush) when an
# incident that was or now is public changed: ``incident_ids`` (list), ``left_public`` (it is no longer
# published-and-not-confidential), ``changes`` (the audit diff, {field: [before, after]}).
public_incident_changed = signals.signal("public-incident-changed")

# Sent by ``tracker.cases.operations`` (in the writer's transaction, after the audit entry) for
# every workflow move: ``old``, ``new`` (statuses), ``actor`` (tracker.audit.operations.Actor),
# ``note`` (the move's note, or None). The desk turns moves into notifications.
incident_moved = signals.signal("incident-moved")

# Sent by a web process that finds the database changed since the prepared public data it serves
# was read (a change made without the incident writer): ``tracker.maps.operations`` rebuilds.
prepared_data_stale = signals.signal("prepared-data-stale")

# Sent by an operation that changes what public pages show besides the cases (the organisation's
# settings, the yearly texts, taxonomy labels), in the writer's transaction: after its commit the
# public answers' version changes (ETags, caches) and the prepared data is rebuilt.
public_text_changed = signals.signal("public-text-changed")
