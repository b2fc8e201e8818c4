app_name = "documents"

urlpatterns: list = []  # the routes arrive with the app's views
