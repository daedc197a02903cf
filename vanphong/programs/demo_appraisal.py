"""Demo proposals and appraisals."""
