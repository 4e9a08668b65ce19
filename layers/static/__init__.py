"""Our own JS/CSS for the map (copied into static/vendor/sitmap/ by ``layers.assets.install_assets``)."""
