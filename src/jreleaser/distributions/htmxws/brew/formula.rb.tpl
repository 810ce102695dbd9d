# {{jreleaserCreationStamp}}
{{#brewRequireRelative}}
require_relative "{{.}}"
{{/brewRequireRelative}}

class {{brewFormulaName}} < Formula
  desc "{{projectDescription}}"
  homepage "{{projectLinkHomepage}}"
  url "{{distributionUrl}}"{{#brewDownloadStrategy}}, :using => {{.}}{{/brewDownloadStrategy}}
  version "{{projectVersion}}"
  sha256 "{{distributionChecksumSha256}}"
  license "{{projectLicense}}"

  {{#brewHasLivecheck}}
  livecheck do
    {{#brewLivecheck}}
    {{.}}
    {{/brewLivecheck}}
  end
  {{/brewHasLivecheck}}
  {{#brewDependencies}}
  depends_on {{.}}
  {{/brewDependencies}}

  def install
    libexec.install Dir["*"]
    # bin/htmxws runs JAVA_HOME's java: Homebrew's openjdk (keg-only, so not on PATH) unless the user set another
    (bin/"{{distributionExecutableName}}").write_env_script libexec/"bin/{{distributionExecutableUnix}}",
      Language::Java.overridable_java_home_env("{{distributionJavaVersion}}")
    man1.install Dir[libexec/"man/*.1"]
    bash_completion.install libexec/"completions/htmxws.bash" => "htmxws"
    fish_completion.install libexec/"completions/htmxws.fish"
  end

  def caveats
    <<~EOS
      zsh completion: add to ~/.zshrc
        source #{opt_libexec}/completions/htmxws.zsh
    EOS
  end

  test do
    output = shell_output("#{bin}/{{distributionExecutableName}} --version")
    assert_match "{{projectVersion}}", output
  end
end
