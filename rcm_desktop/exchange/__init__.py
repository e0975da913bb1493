"""Files that come in and go out (CSV, iCalendar, JSON): pure readers and writers over plain data."""
