package dev.targo.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.targo.argo.Json;
import dev.targo.argo.plan.CronStatus;
import org.junit.jupiter.api.Test;

class CronStatusJsonTest {
  private static final ObjectMapper MAPPER = Json.mapper();

  @Test
  void aCronStatusRoundTripsThroughThePayloadMapper() throws Exception {
    CronStatus status =
        CronStatus.NONE.count("nightly-60", true).count("nightly-120", false).stop();

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(status), CronStatus.class))
        .isEqualTo(status);
  }

  @Test
  void aCronRunOfAScheduleCreatedBeforeTheCountersStartsFromNone() throws Exception {
    String older =
        "{\"cron\":{\"name\":\"nightly\",\"schedules\":[\"@daily\"],"
            + "\"successfulJobsHistoryLimit\":3,\"failedJobsHistoryLimit\":1,\"suspend\":false},"
            + "\"namespace\":null,\"parameters\":{},\"yaml\":\"\",\"searchAttributes\":false}";

    CronRun run = MAPPER.readValue(older, CronRun.class);

    assertThat(run.status()).isEqualTo(CronStatus.NONE);
    assertThat(run.cron().stopStrategy()).isNull();
  }
}
