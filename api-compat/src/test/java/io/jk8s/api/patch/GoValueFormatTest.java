package io.jk8s.api.patch;

import static io.jk8s.api.patch.StrategicMergePatcherTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoValueFormatTest {

    @Test
    void printsLikeGoPercentPlusV() {
        assertEquals("map[data:map[a:b n:<nil>] items:[1 true x] kind:ConfigMap]",
                GoValueFormat.format(json("{'kind':'ConfigMap','data':{'n':null,'a':'b'},'items':[1,true,'x']}")));
    }
}
