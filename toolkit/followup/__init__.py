"""Back to the units: 退回修改 (feedback) and 催报 (reminders), from a round's last collection.

    feedback_plan(plan, round, store, out_dir, previous, units, today) -> FeedbackResult
        each unit with problems gets back the form it returned, its problems marked, and a text
        asking for it by a day after `today` (设置: 补报期限)
    reminders(plan, consolidation) -> [Reminder]
        the units that did not report, or left blank a figure the city figure takes from them
    write_reminders(plan, round, reminders, out_dir, each, today) -> RemindResult
        a 催报通知 (.docx, an official document: one list, or one per unit with each) and a
        plain text per unit with the due date, what is missing, the new deadline, whom to call
"""
