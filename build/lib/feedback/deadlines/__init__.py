"""Deadlines that explain themselves: how a question's answer deadline was counted."""
