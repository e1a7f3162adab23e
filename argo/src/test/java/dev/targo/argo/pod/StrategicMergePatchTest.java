package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategicMergePatchTest {

  private static final String SPEC =
      "{'containers':[{'name':'main','image':'a','args':['x','y'],"
          + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],"
          + "'volumeMounts':[{'name':'v','mountPath':'/v'}]}],"
          + "'nodeSelector':{'disk':'ssd'},'tolerations':[{'key':'t1'}]}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          merges a container by name                 | {'containers':[{'name':'main','image':'b'}]}                         | containers.0.image         | "b"
          keeps fields the patch does not name        | {'containers':[{'name':'main','image':'b'}]}                         | containers.0.args          | ["x","y"]
          replaces lists without a merge key          | {'containers':[{'name':'main','args':['z']}]}                        | containers.0.args          | ["z"]
          merges env by name                          | {'containers':[{'name':'main','env':[{'name':'B','value':'3'}]}]}    | containers.0.env           | [{"name":"A","value":"1"},{"name":"B","value":"3"}]
          appends a new env entry                     | {'containers':[{'name':'main','env':[{'name':'C','value':'4'}]}]}    | containers.0.env.2.name    | "C"
          deletes a list item with $patch delete      | {'containers':[{'name':'main','env':[{'name':'A','$patch':'delete'}]}]} | containers.0.env        | [{"name":"B","value":"2"}]
          merges volumeMounts by mountPath            | {'containers':[{'name':'main','volumeMounts':[{'mountPath':'/v','readOnly':true}]}]} | containers.0.volumeMounts | [{"name":"v","mountPath":"/v","readOnly":true}]
          appends a sidecar container                 | {'containers':[{'name':'side','image':'s'}]}                         | containers.1.name          | "side"
          merges maps                                 | {'nodeSelector':{'zone':'a'}}                                         | nodeSelector               | {"disk":"ssd","zone":"a"}
          deletes a map entry with null               | {'nodeSelector':{'disk':null}}                                        | nodeSelector               | {}
          replaces tolerations (no merge key)         | {'tolerations':[{'key':'t2'}]}                                        | tolerations                | [{"key":"t2"}]
          replaces a whole list with $patch replace   | {'containers':[{'$patch':'replace'},{'name':'only','image':'o'}]}     | containers                 | [{"name":"only","image":"o"}]
          sets a new scalar field                     | {'hostNetwork':true}                                                  | hostNetwork                | true
          """)
  void appliesKubernetesStrategicMergeRules(String rule, String patch, String path, String expected)
      throws Exception {
    ObjectNode merged = StrategicMergePatch.applyToPodSpec(spec(), json(patch));

    assertThat(at(merged, path)).isEqualTo(Json.mapper().readTree(expected));
  }

  @Test
  void leavesTheOriginalUntouched() throws Exception {
    ObjectNode original = spec();

    StrategicMergePatch.applyToPodSpec(original, json("{'nodeSelector':{'zone':'a'}}"));

    assertThat(original).isEqualTo(spec());
  }

  @Test
  void refusesDirectivesItDoesNotImplement() {
    assertThatThrownBy(
            () ->
                StrategicMergePatch.applyToPodSpec(spec(), json("{'$retainKeys':['containers']}")))
        .isInstanceOf(StrategicMergePatch.PatchException.class)
        .hasMessage("the strategic merge directive '$retainKeys' is not supported");
  }

  @Test
  void refusesAMergedListItemWithoutItsKey() {
    assertThatThrownBy(
            () ->
                StrategicMergePatch.applyToPodSpec(spec(), json("{'containers':[{'image':'b'}]}")))
        .isInstanceOf(StrategicMergePatch.PatchException.class)
        .hasMessageStartingWith("every item patched into a list merged by 'name' needs that field");
  }

  @Test
  void refusesAPatchThatIsNotAnObject() {
    assertThatThrownBy(() -> StrategicMergePatch.applyToPodSpec(spec(), json("['x']")))
        .isInstanceOf(StrategicMergePatch.PatchException.class)
        .hasMessage("a podSpecPatch must be an object of PodSpec fields");
  }

  private static ObjectNode spec() throws Exception {
    return (ObjectNode) json(SPEC);
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
  }

  private static JsonNode at(JsonNode node, String path) {
    JsonNode n = node;
    for (String part : path.split("\\.")) {
      n = part.matches("\\d+") ? n.path(Integer.parseInt(part)) : n.path(part);
    }
    return n;
  }
}
