"""Information centre (trung tâm thông tin): take in news and reports, clean them, group copies and events,
recognise people with their titles, organisations and places, classify by field and flag what is notable."""
