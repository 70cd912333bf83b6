"""Signals between domains: a writer announces, readers subscribe, neither imports the other."""

from blinker import Namespace

signals = Namespace()

# Sent by ``tracker.cases.operations`` (in the writer's transaction, after the flush) when an
# incident that was or now is public changed: ``incident_ids`` (list), ``left_public`` (it is no longer
# published-and-not-confidential), ``changes`` (the audit diff, {field: [before, after]}).
public_incident_changed = signals.signal("public-incident-changed")

# Sent by a web process that finds the database changed since the prepared public data it serves
# was read (a change made without the incident writer): ``tracker.maps.operations`` rebuilds.
prepared_data_stale = signals.signal("prepared-data-stale")
