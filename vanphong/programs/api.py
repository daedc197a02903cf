"""API of work programmes (api_programmes.py) and proposals with their appraisal (api_appraisal.py)."""

from ninja import Router

from vanphong.programs.api_appraisal import router as appraisal_router
from vanphong.programs.api_programmes import router as programmes_router

router = Router()
router.add_router("/", programmes_router)
router.add_router("/", appraisal_router)
