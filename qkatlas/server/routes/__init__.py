"""The API's routes, one module per group; ``ROUTERS`` is what ``create_app`` includes, in order."""

from qkatlas.server.routes import analysis, atlases, attention, images, layouts, tokens

ROUTERS = [atlases.router, tokens.router, layouts.router, attention.router, analysis.router, images.router]

__all__ = ["ROUTERS"]
