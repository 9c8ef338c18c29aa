"""Delivery of notifications, the background-job broker and the database plumbing every package shares."""
