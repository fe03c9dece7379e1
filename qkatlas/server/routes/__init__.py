"""The API's routes, one module per group; ``ROUTERS`` is what ``create_app`` includes, in order."""

from qkatlas.server.routes import analysis, atlases, attention, compare, images, layouts, tokens, understand

ROUTERS = [atlases.router, tokens.router, layouts.router, attention.router, analysis.router, images.router, understand.router,
           compare.router]

__all__ = ["ROUTERS"]
