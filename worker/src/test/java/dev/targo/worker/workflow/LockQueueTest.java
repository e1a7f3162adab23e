package dev.targo.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.LockRequest;
import dev.targo.api.temporal.LockState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lock's rules: first come first served up to the limit, release, regrant, dead holders. */
class LockQueueTest {
  private static LockRequest r(String holder, int limit) {
    return new LockRequest(holder, "wf-" + holder, limit);
  }

  private static List<String> holders(List<LockRequest> granted) {
    return granted.stream().map(LockRequest::holder).toList();
  }

  @Test
  void grantsInArrivalOrderUpToTheLimit() {
    LockQueue q = new LockQueue();
    q.request(r("a", 2));
    q.request(r("b", 2));
    q.request(r("c", 2));

    assertThat(holders(q.grant())).containsExactly("a", "b");
    assertThat(q.grant()).isEmpty();
    q.release("a");
    assertThat(holders(q.grant())).containsExactly("c");
    assertThat(q.state("k").waiting()).isEmpty();
  }

  @Test
  void aMutexHasOneHolderAndAWaiterThatLeavesIsNeverGranted() {
    LockQueue q = new LockQueue();
    q.request(r("a", 1));
    q.request(r("b", 1));
    q.request(r("c", 1));
    assertThat(holders(q.grant())).containsExactly("a");

    q.release("b"); // gave up waiting (its workflow was stopped)
    q.release("a");

    assertThat(holders(q.grant())).containsExactly("c");
    q.release("c");
    assertThat(q.idle()).isTrue();
  }

  @Test
  void aHolderAskingAgainIsGrantedAgainWithoutTakingASecondPlace() {
    LockQueue q = new LockQueue();
    q.request(r("a", 1));
    q.grant();
    q.request(r("b", 1));
    q.request(r("a", 1)); // its workflow continued as new

    assertThat(holders(q.grant())).containsExactly("a");
    assertThat(q.state("k").holders()).extracting(LockRequest::holder).containsExactly("a");
    assertThat(q.state("k").waiting()).extracting(LockRequest::holder).containsExactly("b");
  }

  @Test
  void theLatestRequestsLimitApplies() {
    LockQueue q = new LockQueue();
    q.request(r("a", 1));
    q.request(r("b", 1));
    q.grant();
    q.request(r("c", 3)); // the ConfigMap's limit was raised

    assertThat(holders(q.grant())).containsExactly("b", "c");
  }

  @Test
  void holdersWhoseWorkflowsClosedAreFreed() {
    LockQueue q = new LockQueue();
    q.request(r("a", 1));
    q.request(r("b", 1));
    q.grant();
    assertThat(q.holderRequesters()).containsExactly("wf-a");

    q.releaseRequesters(Set.of("wf-a"));

    assertThat(holders(q.grant())).containsExactly("b");
  }

  @Test
  void aRunContinuedAsNewKeepsItsStateAndTheRequestsThatArrivedFirst() {
    LockQueue q = new LockQueue();
    q.request(r("c", 1)); // delivered before the run's method started
    q.restore(new LockState("k", 1, List.of(r("a", 1)), List.of(r("b", 1), r("c", 1))));

    assertThat(q.state("k").holders()).extracting(LockRequest::holder).containsExactly("a");
    assertThat(q.state("k").waiting()).extracting(LockRequest::holder).containsExactly("c", "b");
    assertThat(q.grant()).isEmpty();
  }
}
