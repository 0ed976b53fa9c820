# Surveys: the invitation, one question at a time, answers by button or typed, the reminder, /surveys.
# Variables holding HTML were escaped by the bot; the rest is plain text.

survey-invite =
    📋 <b>Survey: { $title }</b>
    { $intro }

    { $questions } question(s) · answer by { $closes }.
survey-btn-start = ▶️ Start answering
survey-reminder =
    ⏰ A gentle reminder: you have not answered the survey <b>{ $title }</b> yet. It closes at { $closes }.
survey-question-header = <b>Question { $n }/{ $total }</b>
survey-hint-single = Pick one answer, or type its number or its name.
survey-hint-multiple = Pick one or more answers then press Done, or type the numbers separated by commas (e.g. 1, 3).
survey-hint-scale = Pick from 1 (lowest) to 5 (highest), or type the number.
survey-hint-text = Type your answer (at most { $max } characters).
survey-hint-optional = This question is optional: press Skip or type "skip".
survey-btn-done = ✅ Done
survey-btn-skip = Skip
survey-btn-change = ✏️ Change my answers
survey-bad-not-an-option = I did not understand that answer. Press a button, or type the answer's number.
survey-bad-not-a-scale = Please pick a number from 1 to 5.
survey-bad-empty = An answer needs letters or digits.
survey-bad-too-long = That answer has { $length } characters, more than the { $max } allowed. Please shorten it and send it again.
survey-bad-required = This question needs an answer.
survey-thanks = 🙏 Thank you for answering the survey <b>{ $title }</b>. You can change your answers until { $closes } (send /surveys).
survey-thanks-anonymous =
    🙏 Thank you for answering the survey <b>{ $title }</b>.
    🔒 Your answers are stored anonymously: nobody, admins included, knows they are yours. To change them before { $closes }, press the button below (only this message holds the key).
survey-updated = ✏️ Your answers to the survey <b>{ $title }</b> were updated.
survey-closed = The survey <b>{ $title }</b> has closed and takes no more answers. Thank you for your interest!
survey-not-found = This survey no longer exists.
survey-not-asked = This survey was not sent to you.
survey-stale = This question is already answered.
survey-answered-anonymously = You have answered this anonymous survey. To change your answers, press "Change my answers" on the thank-you message.
survey-list-header = 📋 Open surveys:
survey-list-line = • <b>{ $title }</b> — by { $closes } ({ $state ->
        [answered] answered
       *[open] not answered yet
    })
survey-list-empty = There is no open survey for you right now.
survey-cancelled = Stopped answering the survey. Send /surveys to start again whenever you like.
survey-unknown-key = This button opens no response. Use the "Change my answers" button on your own thank-you message.

# Problems of a survey definition
survey-problem-required = is required
survey-problem-not-text = must be text
survey-problem-too-long = is too long (at most { $limit } characters)
survey-problem-options-not-text = must be a list of texts
survey-problem-too-few-options = needs at least { $limit } options
survey-problem-too-many-options = allows at most { $limit } options
survey-problem-option-too-long = has an option longer than { $limit } characters
survey-problem-duplicate-options = has the same option twice
survey-problem-options-mismatch = must have as many English options as Vietnamese ones
survey-problem-options-not-allowed = takes no options (only single and multiple choice do)
survey-problem-not-an-object = is not in the expected form
survey-problem-unknown-kind = must be single, multiple, scale or text
survey-problem-bad-length = must be a whole number from 1 to { $limit }
survey-problem-not-boolean = must be yes or no
survey-problem-not-unit-ids = must be a list of unit ids
survey-problem-unknown-role = names an unknown role
survey-problem-bad-time = must read YYYY-MM-DD HH:MM
survey-problem-closes-before-opening = must be after the open time
survey-problem-in-the-past = is already past
survey-problem-reminder-outside-window = must fall between the open and close times
survey-problem-too-few-questions = needs at least { $limit } question
survey-problem-too-many-questions = allows at most { $limit } questions
survey-problem-outside-subtree = names unit { $limit }, outside your subtree
survey-problem-not-allowed = collaborators cannot create surveys
survey-problem-no-unit = your unit was not found

survey-digest-header = 📋 <b>Surveys</b>
survey-digest-line = • <b>{ $title }</b> ({ $state ->
        [closed] closed
       *[open] open
    }): { $answered }/{ $recipients } answered ({ $rate }), { $unreached } not reached
survey-digest-too-few =   Fewer than { $min } responses in scope: results not shown yet.
