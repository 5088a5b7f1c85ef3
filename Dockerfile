# syntax=docker/dockerfile:1
# Multi-stage build: the SDK image compiles and publishes the site self-contained; the small runtime-deps image (what
# .NET itself needs, and no .NET) runs it as a non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Self-contained, and precompiled for the image's architecture with the runtime and the site in one composite
# ReadyToRun image: start-up then runs little through the JIT, and a node restarting in a deploy answers within a
# second (bench/README.md).
ARG TARGETARCH
WORKDIR /source
# Restore first, from the project files alone, so the package layer is reused when only code changes.
COPY NewsSite.sln Directory.Build.props Directory.Packages.props .editorconfig dotnet-tools.json ./
COPY src/NewsSite.Data/NewsSite.Data.csproj src/NewsSite.Data/
COPY src/NewsSite.Web/NewsSite.Web.csproj src/NewsSite.Web/
COPY migrations/NewsSite.Migrations.Sqlite/NewsSite.Migrations.Sqlite.csproj migrations/NewsSite.Migrations.Sqlite/
COPY migrations/NewsSite.Migrations.Postgres/NewsSite.Migrations.Postgres.csproj migrations/NewsSite.Migrations.Postgres/
RUN dotnet restore src/NewsSite.Web/NewsSite.Web.csproj -a $TARGETARCH -p:SelfContained=true -p:PublishReadyToRun=true
COPY src/ src/
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
RUN dotnet publish src/NewsSite.Web/NewsSite.Web.csproj -c Release -a $TARGETARCH --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o /app --no-restore

# The runtime travels with the site, so the image needs only what .NET itself depends on (ICU among it).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
# curl is only for the container health check. /data/media exists in the image, owned by the site's user, so a named
# volume mounted there (the cluster's shared media, docker-compose.cluster.yml) starts out writable by the site.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data/media && chown "$APP_UID" /data /data/media
WORKDIR /app
COPY --from=build /app ./
# The collector's allocation budget between collections (gen0) pinned at 16 MB. Left alone, the runtime derives it
# from the CPU cache the host reports: about 16 MB on a host with a 32 MB L3, but 6 MB on one that reported no cache
# entries and a 508 MB L3, where an uncached page spent a quarter of its time collecting and was ~14 % slower.
# Only the environment can set it (the same name in runtimeconfig.json does nothing). README "Memory" and
# docs/decisions/0010 say more; bench/run.sh starts the site with the same value.
ENV DOTNET_GCgen0size=0x1000000
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataDirectory=/data \
    ConnectionStrings__News="Data Source=/data/news.db" \
    Smtp__PickupDirectory=/data/mail-pickup
VOLUME ["/data"]
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl --fail --silent http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/app/NewsSite.Web"]
