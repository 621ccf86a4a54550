package dev.kurator.core.propagation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TreesTest {

  static final ObjectMapper M = new ObjectMapper();

  static JsonNode json(String s) throws Exception {
    return M.readTree(s.replace('\'', '"'));
  }

  @Test
  void liveExtrasAreNotDifferencesButChangedAndMissingFieldsAre() throws Exception {
    JsonNode want = json("{'spec':{'replicas':2,'tags':['a','b'],'empty':[],'opt':null},'metadata':{'labels':{'a':'1'}}}");
    JsonNode live = json("{'spec':{'replicas':3,'tags':['a'],'extra':1},'metadata':{'labels':{'a':'1','b':'2'}},"
        + "'status':{}}");

    assertThat(Trees.mismatches(want, live)).containsExactly("/spec/replicas", "/spec/tags");
    assertThat(Trees.mismatches(json("{'a':{'b/c':1}}"), json("{'a':{}}"))).containsExactly("/a/b~1c");
  }

  @Test
  void quantitiesInResourceListsCompareByAmount() throws Exception {
    JsonNode want = json("{'resources':{'requests':{'cpu':'0.5','memory':'1Gi'}},'data':{'cpu':'0.5'}}");
    JsonNode live = json("{'resources':{'requests':{'cpu':'500m','memory':'1073741824'}},'data':{'cpu':'500m'}}");

    assertThat(Trees.mismatches(want, live)).containsExactly("/data/cpu");
  }

  @Test
  void hashesIgnoreKeyOrderButNotValues() throws Exception {
    assertThat(Trees.hash(json("{'a':1,'b':{'c':2,'d':3}}"))).isEqualTo(Trees.hash(json("{'b':{'d':3,'c':2},'a':1}")))
        .isNotEqualTo(Trees.hash(json("{'a':1,'b':{'c':2,'d':4}}")));
  }
}
