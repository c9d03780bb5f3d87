"""Turning the model into output: the plan of every file, the theme, templates, feeds and calendars."""
