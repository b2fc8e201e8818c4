app_name = "medical"

urlpatterns: list = []  # the routes arrive with the app's views
