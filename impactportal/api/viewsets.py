from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from impactportal import access

from .permissions import PublicReadsForAnonymous
from .serializers import ModelCleanSerializer


def as_api_error(error: DjangoValidationError) -> serializers.ValidationError:
    """A service's ValidationError as the API's field errors (400)."""
    return serializers.ValidationError(serializers.as_serializer_error(error))


class HiddenBeforeMethodMixin:
    """An unsupported method on a detail (PUT, DELETE) answers 404 for an object outside the
    user's view scope, as every other method does: never a hint that the object exists."""

    def http_method_not_allowed(self, request, *args, **kwargs):
        if "pk" in kwargs:
            access.get_object_or_404(request.user, self.get_queryset(), access.VIEW, pk=kwargs["pk"])
        return super().http_method_not_allowed(request, *args, **kwargs)


class ScopedViewSetMixin:
    """Every queryset comes from the access module: outside scope is 404, read-only is 403.

    A subclass sets ``queryset`` (with select_related/prefetch_related for a constant number of
    queries per page), ``serializer_class`` and ``filterset_class`` (the same FilterSet as the
    HTML list)."""

    # (action, attribute) pairs: per row, may the user do ``action`` on it (a serializer shows
    # evidence or internal fields by it). A list marks the rows of its page after counting them
    # (access.mark_can); annotated, the rule's joins would go into the list's COUNT as well.
    row_permissions: tuple[tuple[str, str], ...] = ()

    def get_permissions(self):
        """The viewset's own permissions and, for every scoped viewset, no anonymous reads of
        rows that are never public (``PublicReadsForAnonymous``: 401)."""
        return [*super().get_permissions(), PublicReadsForAnonymous()]

    def get_queryset(self):
        queryset = access.scope(self.request.user, super().get_queryset(), access.VIEW)
        if self.action != "list":
            for action, name in self.row_permissions:
                queryset = access.annotate_can(queryset, self.request.user, action, name)
        return queryset

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            for action, name in self.row_permissions:
                access.mark_can(page, self.request.user, action, name)
        return page

    def get_object(self):
        obj = super().get_object()  # 404 outside the view scope
        self.check_object_permissions(self.request, obj)  # 403 when visible but not changeable
        return obj

    def lock(self, serializer):
        """Inside the update's transaction: the row re-read under a lock becomes the serializer's
        instance, the change grant is asked again on it (403; 404 when it was deleted meanwhile)
        and the model's checks run again with the fields sent (400)."""
        serializer.instance = access.require_locked(self.request.user, access.CHANGE, serializer.instance)
        if isinstance(serializer, ModelCleanSerializer):
            serializer.clean_again()
        return serializer.instance

    def changed_row(self, serializer):
        """``lock``, with the fields sent set on the locked row: for a service that saves the row
        it is given (many-to-many fields are left to the serializer)."""
        instance = self.lock(serializer)
        columns = {field.name for field in instance._meta.concrete_fields}
        for name, value in serializer.validated_data.items():
            if name in columns:
                setattr(instance, name, value)
        return instance

    def reload(self, serializer):
        """The saved row as the detail shows it (related rows, ``row_permissions``); the row as
        saved when the change moved it out of what the user may see."""
        saved = serializer.instance
        serializer.instance = self.get_queryset().filter(pk=saved.pk).first()
        if serializer.instance is None:
            serializer.instance = saved
            for action, name in self.row_permissions:
                access.mark_can([saved], self.request.user, action, name)


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Writes go through services when the model has them; by default the serializer saves,
    inside a transaction so a failing audit or constraint leaves nothing half-written.

    An update saves the row as it is when locked, with the fields sent (``lock``): the row DRF
    read to check access and validate is a copy from before the transaction, and saving it wrote
    every field back as it was then, undoing what another client or a page saved in between (a
    PATCH of a team's name put back the members' count a colleague had just changed). An override
    of ``perform_update`` (or a viewset with ``UpdateModelMixin``) locks the same way (``lock`` or
    ``changed_row``, from ``ScopedViewSetMixin``) and ends with ``reload``."""

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()

    def update(self, request, *args, **kwargs):
        # A row deleted between the read and the lock is 404 (``lock``), also where the body was
        # judged against the stored row before the lock and failed for that reason (an action's
        # past due date is accepted only as it was stored): the errors were about a row that is
        # gone. The extra query runs on refused updates only. (A comment, not a docstring: the
        # API schema would show it as every update's description.)
        try:
            return super().update(request, *args, **kwargs)
        except serializers.ValidationError:
            queryset = self.get_queryset().model._base_manager
            if not queryset.filter(pk=self.kwargs[self.lookup_url_kwarg or self.lookup_field]).exists():
                raise Http404 from None
            raise

    def perform_update(self, serializer):
        with transaction.atomic():
            self.lock(serializer)
            serializer.save()
        self.reload(serializer)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ActionMixin:
    """``@action`` endpoints that call a service, with the screens' behaviour: 404 outside the
    view scope, 403 without the policy's grant for ``action`` (before the input is read), a
    service's ValidationError as field errors (400). The service locks the row and checks again.

        @action(detail=True, methods=["post"])
        def verify(self, request, pk=None):
            return self.run_action("verify", None, lambda obj, data: services.certification_verify(
                certification=obj, by=request.user))
    """

    def run_action(self, action, input_serializer, perform, *, output_serializer=None,
                   response_status=status.HTTP_200_OK):
        obj = access.get_object_or_404(self.request.user, self.get_queryset(), action, pk=self.kwargs["pk"])
        data = {}
        if input_serializer is not None:
            serializer = input_serializer(data=self.request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        try:
            with transaction.atomic():
                result = perform(obj, data)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        if output_serializer is not None:
            return Response(output_serializer(result, context=self.get_serializer_context()).data,
                            status=response_status)
        obj = self.get_queryset().get(pk=obj.pk)  # fresh, with the list's related rows and annotations
        return Response(self.get_serializer(obj).data, status=response_status)
