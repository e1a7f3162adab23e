# The targo image: `targo worker` by default, every other targo command too.
# Build: docker build -t targo:0.1.0 .  (the kubernetes executor's default --artifact-image)
#
# Stage 1 builds the shaded command-line jar with Maven on a full JDK.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# The wrapper and the poms first, so most of the dependency download is a cached layer.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY argo/pom.xml argo/
COPY api/pom.xml api/
COPY yaml-translator/pom.xml yaml-translator/
COPY worker/pom.xml worker/
COPY cli/pom.xml cli/
COPY bench/pom.xml bench/
RUN ./mvnw -B -q -ntp -pl cli -am dependency:go-offline -DexcludeReactor=true
COPY argo argo
COPY api api
COPY yaml-translator yaml-translator
COPY worker worker
COPY cli cli
RUN ./mvnw -B -q -ntp -pl cli -am -DskipTests -Dspotless.check.skip=true package

# Stage 2: a JRE only, running as an unprivileged user.
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 targo \
 && useradd --system --uid 10001 --gid targo --home-dir /home/targo --create-home targo
COPY --from=build /src/cli/target/targo.jar /app/targo.jar
# `targo` on the PATH: the init and wait containers of pods with artifacts run `targo artifacts
# load|save` (docs/DESIGN.md §16).
RUN printf '#!/bin/sh\nexec java -XX:MaxRAMPercentage=75 -jar /app/targo.jar "$@"\n' \
      > /usr/local/bin/targo \
 && chmod 755 /usr/local/bin/targo
USER 10001:10001
ENV XDG_STATE_HOME=/home/targo/.local/state
# /metrics, /healthz and /readyz of `targo worker`.
EXPOSE 9464
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/targo.jar"]
CMD ["worker"]
