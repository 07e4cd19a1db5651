"""Routes of the figures part (included by ``procurement.urls`` under its namespace)."""

from django.urls import path

from .views import figures

urlpatterns = [
    path("cijfers/", figures.FiguresView.as_view(), name="figures"),
    path("cijfers/export/", figures.FiguresExport.as_view(), name="figures-export"),
    path("betalingen/", figures.PaymentList.as_view(), name="payment-list"),
    path("betalingen/importeren/", figures.PaymentImportCreate.as_view(), name="payment-import-create"),
    path("betalingen/imports/<int:pk>/", figures.PaymentImportDetail.as_view(), name="payment-import-detail"),
    path("betalingen/imports/<int:pk>/intrekken/", figures.PaymentImportWithdraw.as_view(),
         name="payment-import-withdraw"),
    path("betalingen/imports/<int:pk>/rapport/", figures.PaymentImportReportDownload.as_view(),
         name="payment-import-report"),
]
