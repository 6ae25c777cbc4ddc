# CityBot: python -m bot run, as a non-root user (uid 10001), with the store on a volume.
# A bind-mounted data folder must be writable by uid 10001 (`chown 10001 ./data`); if it is not,
# the bot stops at start with one line saying so.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CITYBOT_DB=/data/citybot.json \
    CITYBOT_HEARTBEAT=/tmp/citybot.heartbeat

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install . && useradd --create-home --uid 10001 citybot && mkdir -p /data && chown citybot /data

USER citybot
VOLUME ["/data"]
# Webhook mode listens here (set CITYBOT_WEBHOOK_URL); polling mode needs no port.
EXPOSE 8443

# Healthy while the bot process is alive and its event loop turns: it touches the heartbeat file
# every 30 s (in /tmp, so a read-only data folder does not matter); a dead or hung bot fails in 90 s.
HEALTHCHECK --interval=60s --timeout=20s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

# SIGTERM (docker stop) ends polling cleanly: the update in hand and the notification in flight finish.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
