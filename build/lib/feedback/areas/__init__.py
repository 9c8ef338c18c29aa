"""Communes and wards: the national register shipped with the app, its import, and the admin page."""
