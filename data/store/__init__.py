"""The embedded store (``store.Store``) and its encoding of documents and claims (``codec``)."""
