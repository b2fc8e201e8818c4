app_name = "signals"

urlpatterns: list = []  # the routes arrive with the app's views
