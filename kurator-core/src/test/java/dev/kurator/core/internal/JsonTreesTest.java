package dev.kurator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTreesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "{'a':1,'b':2}                     | {'a':1}                 | true",
      "{'a':1}                           | {'a':1,'b':2}           | false",
      "{'a':{'x':1,'y':2}}               | {'a':{'x':1}}           | true",
      "{'a':1.0}                         | {'a':1}                 | true",
      "{'a':'1'}                         | {'a':1}                 | false",
      "{'l':[{'n':'c','t':'/dev'}]}      | {'l':[{'n':'c'}]}       | true",
      "{'l':[{'n':'c'},{'n':'d'}]}       | {'l':[{'n':'c'}]}       | false",
      "{'l':[{'n':'d'}]}                 | {'l':[{'n':'c'}]}       | false",
      "{}                                | {'l':[],'m':{},'n':null} | true",
      "{'l':[1]}                         | {'l':[]}                | false",
      "{'b':true}                        | {'b':false}             | false",
  })
  void coversComparesOnlyTheDesiredFields(String live, String desired, boolean expected) {
    assertThat(JsonTrees.covers(json(live), json(desired))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "{'a':1,'b':2}                 | {'a':3}                 | {'a':3,'b':2}",
      "{'m':{'x':1,'y':2}}           | {'m':{'y':3,'z':4}}     | {'m':{'x':1,'y':3,'z':4}}",
      "{'l':[1,2,3]}                 | {'l':[4]}               | {'l':[4]}",
      "{'a':1}                       | {'a':null}              | {'a':1}",
      "{'metadata':{'name':'w','managedFields':[{}]}} | {'metadata':{'labels':{'k':'v'}}} | {'metadata':{'name':'w','labels':{'k':'v'}}}",
  })
  void mergeLaysDesiredOverLive(String live, String desired, String expected) {
    JsonNode merged = JsonTrees.merge(json(live), json(desired));
    assertThat(merged).isEqualTo(json(expected));
    assertThat(JsonTrees.covers(merged, json(desired).deepCopy())).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'metadata':{'name':'w','resourceVersion':'7','uid':'u','creationTimestamp':'t'},'status':{'r':1},'spec':{}} | {'metadata':{'name':'w'},'spec':{}}",
  })
  void desiredFieldsDropStatusAndServerMetadata(String object, String expected) {
    assertThat(JsonTrees.desiredFields(json(object))).isEqualTo(json(expected));
  }
}
