package calc.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalcJson;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Spring MVC's own failures keep their 4xx status with the contract's JSON body; only real failures are 500s. */
class FrameworkErrorAdviceTest {
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Things())
            .setControllerAdvice(new FrameworkErrorAdvice())
            .build();

    @Test
    void aWrongMethodIsA405ThatNamesTheAllowedOnes() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.delete("/things"));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, POST");
        assertThat(json(response)).isEqualTo(error("INVALID_REQUEST", "Method 'DELETE' is not supported."));
    }

    @Test
    void anUnacceptableAcceptHeaderIsA406WithAJsonBodyAnyway() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.get("/things").accept(MediaType.APPLICATION_XML));

        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(json(response)).isEqualTo(error("INVALID_REQUEST", "Acceptable representations: [application/json]."));
    }

    @Test
    void anUnsupportedContentTypeIsA415() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/things")
                .contentType(MediaType.TEXT_PLAIN).content("n=1"));

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getHeader("Accept")).isEqualTo("application/json");
        assertThat(json(response)).isEqualTo(error("INVALID_REQUEST", "Content-Type 'text/plain' is not supported."));
    }

    @Test
    void aParameterOfTheWrongTypeIsA400() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.get("/things").param("n", "many"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(error("INVALID_REQUEST", "the value of n is not a valid int"));
    }

    @Test
    void aMissingParameterIsA400() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/things")
                .contentType(MediaType.APPLICATION_JSON).content("{}"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(error("INVALID_REQUEST", "Required parameter 'label' is not present."));
    }

    @Test
    void anUnreadableBodyIsA400() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.post("/things").param("label", "x")
                .contentType(MediaType.APPLICATION_JSON).content("{not json"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(error("INVALID_REQUEST", "the request body cannot be read"));
    }

    @Test
    void anUnexpectedFailureIsA500WithoutItsDetails() throws Exception {
        MockHttpServletResponse response = call(MockMvcRequestBuilders.get("/things/broken"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(json(response)).isEqualTo(error("UNAVAILABLE", "internal error; see the service log"));
    }

    private MockHttpServletResponse call(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        return response;
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return CalcJson.mapper().readTree(response.getContentAsString());
    }

    private static JsonNode error(String code, String message) {
        return CalcJson.mapper().valueToTree(Map.of("error", Map.of("code", code, "message", message)));
    }

    @RestController
    static final class Things {
        @GetMapping(path = "/things", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Integer> get(@RequestParam(name = "n", defaultValue = "0") int n) {
            return Map.of("n", n);
        }

        @PostMapping(path = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> post(@RequestParam("label") String label, @RequestBody Map<String, Object> body) {
            return body;
        }

        @GetMapping("/things/broken")
        String broken() {
            throw new IllegalStateException("secret internals");
        }
    }
}
