# Hawser's container image, for people with Docker. Without Docker, scripts/build-image.sh builds the
# same image with umoci and skopeo; both assemble the root filesystem with scripts/image-rootfs.sh,
# so they cannot drift.
#
#   docker build -t hawser:dev \
#     --build-arg VERSION="$(git describe --tags --always)" --build-arg REVISION="$(git rev-parse HEAD)" \
#     --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" .
#   docker run -p 8228:8228 -e HAWSER_ADMIN_PASSWORD=… -v hawser-data:/data hawser:dev
#
# The image: the binary (Swift runtime linked statically), the Debian libraries it loads, the CA
# bundle, passwd/group with user hawser (65532), /data and /tmp, and distroless-style
# /var/lib/dpkg/status.d stanzas so scanners (Hawser included) see those Debian packages.
# No shell, no package manager. Deployment examples: deploy/compose.yaml, deploy/kubernetes/.

# 1. Build. The system libraries are the ones Package.swift links (zlib, zstd, SQLite for GRDB and
#    rpmdb, bzip2); libxml2 is what FoundationXML needs when linked statically.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libsqlite3-dev libzstd-dev zlib1g-dev libbz2-dev libxml2-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a source change does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
# Tests/ too: SwiftPM checks every declared target's directory even when building one product.
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product hawser \
 && install -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/hawser" /hawser

# 2. Root filesystem, gathered by the same script as build-image.sh, on the same Debian release the
#    binary was built on (its libraries and their dpkg metadata come from here). binutils: `strip`.
FROM debian:12-slim AS rootfs
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates binutils \
      libsqlite3-0 libzstd1 zlib1g libbz2-1.0 libxml2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /hawser /hawser
COPY scripts/image-rootfs.sh /image-rootfs.sh
RUN bash /image-rootfs.sh /hawser /rootfs

# 3. The image: nothing but that rootfs.
FROM scratch
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
ARG SOURCE=""
ARG LICENSES=NOASSERTION
# COPY keeps the owners image-rootfs.sh set (/data is 65532).
COPY --from=rootfs /rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    HAWSER_DATA_DIR=/data
USER 65532:65532
WORKDIR /data
VOLUME /data
EXPOSE 8228/tcp
# No shell or curl in the image to run a check with: use the orchestrator's HTTP probe on
# GET /health, port 8228 (no authentication), as deploy/compose.yaml and deploy/kubernetes do.
HEALTHCHECK NONE
LABEL org.opencontainers.image.title="hawser" \
      org.opencontainers.image.description="Container image analysis, vulnerability and policy service (Anchore Engine v1 API)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"
ENTRYPOINT ["/usr/local/bin/hawser", "serve"]
CMD ["--listen", "0.0.0.0:8228", "--data-dir", "/data"]
