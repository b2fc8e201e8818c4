"""Who may open which notifications route (format: openverzuim/core/routes.py). Every page shows
only the user's own notifications: another's id is a 404 (views)."""

from openverzuim.core.routes import access

ROUTES = {
    "notifications:list": access("authenticated"),
    "notifications:preferences": access("authenticated"),
}
