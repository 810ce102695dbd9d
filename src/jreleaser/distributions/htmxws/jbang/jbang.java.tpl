//usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA {{distributionJavaVersion}}+
//REPOS mavencentral,jitpack
//DEPS com.github.{{repoOwner}}:{{repoName}}:{{tagName}}
// {{jreleaserCreationStamp}}
// htmxws from its release tag, built by JitPack (jitpack.yml); its dependencies come from Maven Central.

public class {{jbangScriptName}} {
    public static void main(String... args) throws Exception {
        {{distributionJavaMainClass}}.main(args);
    }
}
