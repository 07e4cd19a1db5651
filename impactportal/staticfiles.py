"""Static files storage for production: WhiteNoise's compressed, content-hashed storage."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Tolerates vendor CSS installed from npm that references files its package does not ship:
    ``@utrecht/design-tokens/dist/background-image-icon.css`` points at ``./pijltje.svg``, which
    made ``collectstatic`` fail under production settings. Such a reference under ``vendor/`` is
    left as written (as in development); references in our own files must still resolve."""

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is None and self.clean_name(name).startswith("vendor/"):
                return name
            raise
