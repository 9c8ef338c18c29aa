"""Tickets: the citizen's question from submission to answer, the web application and the CLI."""
