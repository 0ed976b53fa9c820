# Intake: joining, the report flow, quick reports, /myreports, /language, /help, hints.
# Variables marked "html" are already escaped by the bot; everything else is plain text.

intake-start-welcome =
    Welcome, { $name }! You are now { $role ->
        [leader] a leader
        [admin] an administrator
       *[collaborator] a collaborator
    } of <b>{ $unit }</b>.
    • /report — tell us what people around you are saying (a few short steps).
    • Or just type what you heard: I will ask whether to send it as a report.
    • /myreports shows what you sent, /language switches language, /help explains everything.
intake-start-back = Welcome back, { $name }. Send /report to report, or /help for help.
intake-start-back-draft = Welcome back, { $name }. You have a report in progress: answer the question below to go on, or send /cancel to drop it.
intake-start-no-code = To join, open the invite link you received, or send <code>/start YOUR-CODE</code>.
intake-invite-unknown = This invite code is not valid. Check it with the person who invited you, and send <code>/start CODE</code> again.
intake-invite-expired = This invite code has expired. Ask the person who invited you for a new one.
intake-invite-used_up = This invite code has already been used. Ask the person who invited you for a new one.
intake-invite-revoked = This invite code was withdrawn. Ask the person who invited you for a new one.
intake-invite-already_member = You have already joined. Send /report to report or /help for help.
intake-stranger = Sorry, this bot is only for members of the reporting network. To join, ask your unit's leader for an invite link.
intake-deactivated = Your access to this bot has ended. If you think this is a mistake, please contact your unit's leader.

intake-privacy = 🔒 Reminder: describe what people think and feel, and do not name private persons.
intake-ask-topic = <b>1/6 · Topic.</b> What is it about? Choose a topic (or type its name or number).
intake-topic-kept-content = I kept that as the content of your report. Now choose its topic.
intake-topic-auto = 🤖 Let the system decide
intake-ask-content =
    <b>2/6 · Content.</b> What are people saying? 1–5 sentences ({ $min }–{ $max } characters).
    You may send several messages, or a photo or document with a caption, then press Done.
intake-ask-content-edit = The current content is below: send the new content (it replaces the old one), then press Done.
intake-content-got = Got it ({ $count } characters). Send more to add to it, or press Done.
intake-content-attachment-only = The attachment is kept. Now write what people are saying (or send it again with a caption).
intake-btn-done = ✅ Done
intake-content-empty = That message was empty. Please write what people are saying.
intake-content-no_words = That message has no words (only emoji or symbols). Please write what people are saying.
intake-content-too_short = That is too short ({ $length } characters; at least { $min }). Add a little more, then press Done.
intake-content-too_long = That is too long ({ $length } characters; at most { $max } in total). Please shorten it and send again; what you sent before is kept.
intake-content-split-too-long = That is the rest of the same long text: Telegram split it into { $pieces } messages, { $length } characters in all, and a report holds at most { $max }. None of it was added: please shorten it and send it again; what you sent before is kept.
intake-content-word_too_long = That message contains a very long unbroken string of characters. Please send ordinary sentences.
intake-not-text = I can only read text here (or a photo or document with a caption). Please answer the question above.
intake-edited-ignored = I do not read edited messages. Please send the corrected text as a new message.

intake-ask-mood = <b>3/6 · Mood.</b> How do the people you describe feel?
intake-mood-supportive = 👍 Supportive
intake-mood-neutral = 😐 Neutral
intake-mood-skeptical = 🤔 Skeptical
intake-mood-worried = 😟 Worried
intake-mood-angry = 😠 Angry
intake-ask-spread = <b>4/6 · Spread.</b> How widely is this being talked about?
intake-spread-few = A few people
intake-spread-unit = Widely in my unit
intake-spread-local = Widely in the locality
intake-spread-online = Social media / nationwide
intake-ask-source = <b>5/6 · Source.</b> Where did you hear it?
intake-source-conversation = Conversation
intake-source-meeting = Meeting
intake-source-social_media = Social media
intake-source-press = Press
intake-source-other = Other
intake-ask-proposal = <b>6/6 · Proposal (optional).</b> What do you recommend to the leaders? Type it, or press Skip.
intake-btn-skip = Skip
intake-proposal-too_long = That proposal is too long (at most { $max } characters). Please shorten it.
intake-proposal-no_words = Please write your proposal in words, or press Skip.
intake-unclear-choice = I did not understand “{ $answer }”. Press one of the buttons, or type its number.

intake-review =
    <b>Please check your report</b>
    <b>Topic:</b> { $topic }
    <b>Content:</b> { $content }{ $attachment }
    <b>Mood:</b> { $mood }
    <b>Spread:</b> { $spread }
    <b>Source:</b> { $source }
    <b>Proposal:</b> { $proposal }
intake-review-attachment = { " " }📎
intake-review-none = —
intake-review-use-buttons = Please use the buttons under your report: Edit a field, Submit, or Cancel.
intake-btn-edit-topic = ✏️ Topic
intake-btn-edit-content = ✏️ Content
intake-btn-edit-mood = ✏️ Mood
intake-btn-edit-spread = ✏️ Spread
intake-btn-edit-source = ✏️ Source
intake-btn-edit-proposal = ✏️ Proposal
intake-btn-submit = 📨 Submit
intake-btn-cancel = ✖️ Cancel
intake-submitted = ✅ Thank you! Your report was received. Reference: <b>{ $reference }</b>.
intake-submitted-again = This report was already received. Reference: <b>{ $reference }</b>.
intake-submit-failed = Sorry, the report could not be saved just now. Your draft is kept: press Submit again in a moment.
intake-rate-limited = You have sent many reports in the last hour. Thank you! Please wait a while before sending more; your draft is kept.
intake-flood = You are sending messages very quickly. Please slow down a little; I will read your next message in a few seconds.
intake-cancelled = Cancelled. Nothing was sent.
intake-nothing-to-cancel = There is nothing to cancel.
intake-stale-button = This button is from an earlier message.
intake-forged-button = This button is not valid.
intake-in-flow-command = You are in the middle of a report. Answer the question above, or send /cancel to stop.
intake-draft-dropped =
    Your unfinished report was dropped after 24 hours without activity. Here is what you had typed, so nothing is lost:
    { $draft }
intake-resume = You have a report in progress; here is where you were.

intake-quick-ask =
    Send this as a report?
    <i>{ $preview }</i>
intake-btn-send-now = 📨 Send now
intake-btn-add-details = ➕ Add details
intake-btn-no = No
intake-quick-declined = OK, not sent.
intake-quick-hint = To send a report, use /report, or type at least { $min } characters about what people are saying.

intake-myreports-empty = You have not sent any reports yet. Send /report to start.
intake-myreports-header = <b>Your latest reports</b>
intake-myreports-line = { $reference } · { $date } · { $status } · { $topic }
intake-status-received = received
intake-status-analysed = analysed
intake-status-withdrawn = withdrawn
intake-topic-none = topic by system
intake-btn-withdraw = Withdraw { $reference }
intake-withdrawn = Report { $reference } was withdrawn.
intake-withdraw-too_late = This report can no longer be withdrawn (only within 1 hour of sending).
intake-withdraw-not_found = This report cannot be found.
intake-withdraw-already_withdrawn = This report was already withdrawn.

intake-language-vi = 🇻🇳 Tiếng Việt
intake-language-en = 🇬🇧 English
intake-language-choose = Choose your language:
intake-language-set = Language set to English.

intake-help =
    <b>/report</b> — send a report in a few steps: topic, content, mood, spread, source, proposal.
    Type an answer or press a button; you can edit any field before submitting.
    You get a reference such as R-2026-000123.
    <b>/cancel</b> — stop the current report at any step.
    Nothing is sent until you press Submit.
    Outside a report it does nothing.
    <b>/myreports</b> — your last 10 reports with reference, date, status and topic.
    You can withdraw a report within 1 hour of sending it.
    Dates are shown in your unit's time zone.
    <b>/surveys</b> — open surveys for you: answer by button or by typing, change your answers until the close.
    <b>/language</b> — switch between Vietnamese and English.
    Every message of the bot follows your choice.
    Without a choice, your Telegram language is used.
    <b>Quick report</b> — just type what you heard.
    I ask whether to send it now, add details, or not send it.
    Topic and mood are then left to the system.
    Please describe opinions, and do not name private persons.
intake-help-staff =
    <b>/alerts</b>, <b>/digest</b>, <b>/dashboard</b> — for leaders and admins: open alerts, the digest on demand, and a login link to the dashboard.
intake-group-hint = Please write to me in a private chat: reports are never sent in groups.
intake-unhandled = I did not understand that. Send /report to report, or /help for help.
intake-unhandled-kind = I can only read text, photos and documents. Send /report to report, or /help for help.

intake-cmd-report = Send a report
intake-cmd-cancel = Cancel the current report
intake-cmd-surveys = Open surveys
intake-cmd-myreports = My latest reports
intake-cmd-language = Language
intake-cmd-help = Help
intake-cmd-alerts = Open alerts
intake-cmd-digest = Digest on demand
intake-cmd-dashboard = Dashboard login link
intake-draft-reset =
    The bot was just updated, so your unfinished report cannot continue. Here is what you had typed, so nothing is lost:
    { $draft }
    Send /report to start again.
intake-draft-reset-empty = The bot was just updated, so your unfinished report cannot continue. Send /report to start again.
intake-start-welcome-staff = { $role ->
        [admin] • As an administrator you get the alerts and digests of every unit: /alerts, /digest.
       *[leader] • As a leader you get the alerts and digests of your unit and every unit below it: /alerts, /digest.
    }
intake-draft-failed =
    Sorry, something went wrong and your unfinished report cannot continue. Here is what you had typed, so nothing is lost:
    { $draft }
    Send /report to start again.
intake-draft-failed-empty = Sorry, something went wrong and your unfinished report cannot continue. Send /report to start again.
