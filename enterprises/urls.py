from django.urls import path

from . import views

urlpatterns = [
    path("etalage/", views.showcase, name="etalage"),
]
