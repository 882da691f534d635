"""What a campaign becomes: letters, call scripts, fact sheets and social posts, rendered from
sandboxed Jinja2 templates (``templates/``, package data) with the campaign's cited facts."""
