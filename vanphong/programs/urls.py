"""Routes of work programmes (urls_programmes.py) and of proposals and their appraisal (urls_appraisal.py)."""

from vanphong.programs.urls_appraisal import urlpatterns as appraisal_patterns
from vanphong.programs.urls_programmes import urlpatterns as programme_patterns

app_name = "programs"
urlpatterns = [*programme_patterns, *appraisal_patterns]
