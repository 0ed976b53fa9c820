# Urgent alerts (src/app/alerts, src/bot/features/alerts.ts). Card values arrive HTML-escaped.
alerts-card-critical = 🚨 <b>CRITICAL ALERT #{ $alertId }</b>
alerts-card-high = ⚠️ <b>Alert #{ $alertId }</b> (high)
alerts-card =
    <b>Unit:</b> { $unitPath }
    <b>Topic:</b> { $topic }
    <b>Mood:</b> { $mood } · <b>Spread:</b> { $spread }
    <b>Why:</b> { $reasons }
    <b>Reports:</b> { $reportCount } from { $unitCount } { $unitCount ->
        [one] unit
       *[other] units
    }
    <blockquote>{ $quote }</blockquote>
    <b>References:</b> { $references }
alerts-card-status-acknowledged = ✅ Taken up by <b>{ $actor }</b>.
alerts-card-status-resolved = ✔️ Resolved by <b>{ $actor }</b>.
alerts-card-status-false-alarm = ✖️ Marked as a false alarm by <b>{ $actor }</b>.

alerts-button-ack = ✅ Acknowledge
alerts-button-resolve = ✔️ Resolve
alerts-button-false-alarm = ✖️ False alarm
alerts-button-details = ℹ️ Details

alerts-level-high = high
alerts-level-critical = critical
alerts-status-open = open
alerts-status-acknowledged = acknowledged
alerts-status-resolved = resolved
alerts-status-false-alarm = false alarm

alerts-mood-supportive = supportive
alerts-mood-neutral = neutral
alerts-mood-skeptical = skeptical
alerts-mood-worried = worried
alerts-mood-angry = angry
alerts-spread-few = a few people
alerts-spread-unit = widely in the unit
alerts-spread-local = widely in the locality
alerts-spread-online = online / nationwide

alerts-reason-mood = strong mood
alerts-reason-spread = wide spread
alerts-reason-sensitive-topic = sensitive topic
alerts-reason-trigger = collective action or danger
alerts-reason-group-growth = fast-growing issue

alerts-reporter-taken-up = 📣 Leadership has taken up the issue you reported ({ $references }). Thank you.

alerts-details =
    <b>Alert #{ $alertId }</b> — { $status }, { $level }
    Reports: { $reportCount } from { $unitCount } unit(s)
    References: { $references }
    Now at: { $reached } (step { $step }); next escalation: { $next }
    { $history }
alerts-details-event = · { $at } { $kind }
alerts-event-raised = raised
alerts-event-sent = delivered
alerts-event-undelivered = could not be delivered
alerts-event-updated = updated
alerts-event-escalated = escalated
alerts-event-held = held for quiet hours
alerts-event-acknowledged = acknowledged
alerts-event-resolved = resolved
alerts-event-false-alarm = marked false alarm
alerts-event-refused = a tap was refused

alerts-refused = You cannot act on this alert.
alerts-invalid = This button is no longer valid.
alerts-done-ack = You have taken up this alert. The others are told.
alerts-done-resolve = Alert resolved.
alerts-done-false-alarm = Marked as a false alarm.
alerts-conflict-already-acknowledged = Someone has already taken up this alert.
alerts-conflict-already-closed = This alert is already closed.
alerts-list-empty = No open alerts in your units.
alerts-list-header = Open alerts in your units: { $count }
alerts-not-leader = Only leaders and admins can see alerts.
alerts-reason-mood-agreement = text and reporter agree on the mood
alerts-reason-sensitive-spread = sensitive topic spreading widely
