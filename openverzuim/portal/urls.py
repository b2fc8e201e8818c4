from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [path("my/pay/", views.my_pay, name="my_pay")]
