@{
    Description = "Ana's development laptop: personal config, the 'work' profile, a trusted repository."
    Profile     = 'work'
    Detail      = 'context7'
}
