package io.jk8s.api.patch;

import static io.jk8s.api.patch.StrategicMergePatcherTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The examples of RFC 7386, appendix A, that matter for API objects. */
class JsonMergePatchTest {

    @Test
    void rfcExamples() {
        assertEquals(json("{'a':'z','c':{'d':'e'}}"), JsonMergePatch.apply(json("{'a':'b','c':{'d':'e','f':'g'}}"),
                json("{'a':'z','c':{'f':null}}")));
        assertEquals(json("{'a':['c']}"), JsonMergePatch.apply(json("{'a':['b']}"), json("{'a':['c']}")));
        assertEquals(json("{'a':{'bb':{}}}"), JsonMergePatch.apply(json("{}"), json("{'a':{'bb':{'ccc':null}}}")));
        assertEquals(json("{'a':1}"), JsonMergePatch.apply(json("{'e':null}"), json("{'a':1,'e':null}")));
    }
}
