"""Back to the units: 退回修改 (feedback) and 催报 (reminders), from a round's last collection.

    feedback_plan(plan, round, store, out_dir, previous, units) -> FeedbackResult
        each unit with problems gets back the form it returned, its problems marked, and a text
    reminders(plan, consolidation) -> [Reminder]
    write_reminders(plan, round, reminders, out_dir, each, today) -> RemindResult
        a 催报通知 (.docx, official-document layout: one list, or one per unit with each) and a
        plain text per unit with the due date, what is missing and whom to contact
"""
