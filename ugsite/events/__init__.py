"""Events and series: reading event files, their history, and their calendars."""
