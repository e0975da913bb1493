"""The organiser's own forms (.docx, .xlsx, fillable .pdf) filled with a delegation's
participants: plain data in, a new file out, the original never touched."""
