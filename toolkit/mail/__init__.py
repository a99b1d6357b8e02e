"""The office mailbox, transport only: returns fetched into a round's inbox (fetch), and
messages the hall composes from what the stages wrote sent to each unit's 邮箱 (send)."""
